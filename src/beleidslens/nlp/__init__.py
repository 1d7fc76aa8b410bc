"""beleidslens.nlp"""
