"""beleidslens.evaluate"""
