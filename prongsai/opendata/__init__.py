"""Open data: the department's published information as datasets that machines read unchanged.

The catalogue (models.Dataset) lists every dataset with the metadata a CKAN harvester, a DCAT
consumer and the DGA GD-Catalog expect; `catalogue.catalogue_sync` keeps it in step with what is
published. The pure modules map it to each standard: ckan (the Action API's dicts), dcat (DCAT-AP
3.0.1), ocds (OCDS 1.1.5 release packages) and tables (the rows of the CSV, JSON and XLSX downloads).
"""
