"""Demo content built in code by the `build_demo_site` command.

Data modules (`institution`, `organisation`, `pal_lesnica`, `pas_kompas`, `pages`,
`privacy_notice`, `legal_pages`, `updates`) state the facts of the two source pages in the
project's own words; each programme module also gives its enrolment form and its example
edition, whose dates come from `example_edition`. The `build_*` modules write them to the
database through the idempotent helpers in `sync`; `build.build_demo_site` runs them in order.
"""
