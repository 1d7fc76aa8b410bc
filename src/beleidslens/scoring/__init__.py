"""beleidslens.scoring"""
