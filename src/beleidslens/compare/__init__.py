"""beleidslens.compare"""
