"""A read-only HSDS 3.0 API of the programmes (Open Referral's Human Services Data Specification).

Directories of social services (211 networks, a city's portal, a helpline's database) read the
programmes here instead of retyping them: at `/api/hsds/` in Polish, `/en/api/hsds/` and
`/uk/api/hsds/`, the paths, query parameters and paginated envelope of the standard's OpenAPI.
A service is a live, public programme page in the language asked for; the organization is the
institution. Only what the pages publish is given (`records`), facts of editions from the
source-language editions as on the pages (programmes.models.edition_facts); never a draft, a
private page, an enrolment form's answers or an application. Publishing purges the answers from
the caching proxy with the pages they mirror (`purging`).
"""
