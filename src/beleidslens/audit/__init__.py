"""beleidslens.audit"""
