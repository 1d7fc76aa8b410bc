"""beleidslens.web"""
