"""beleidslens.extract"""
