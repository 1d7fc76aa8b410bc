"""beleidslens.ingest"""
