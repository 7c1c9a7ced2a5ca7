"""The hostile-input suite: what an attacker or a broken client may send, and what must hold.

- test_headers: security headers, HTTPS, cookies, sign-in lock-out, the admin's address.
- test_query_fuzz: generated query strings against every public URL.
- test_malformed_requests: oversized, malformed and unexpected requests; path traversal in
  static and media URLs.
- test_forms: CSRF on every form, `next=` redirects, refusals and lock-outs logged.
- test_drafts: records that are not public have no public page; staff see a preview.
- test_downloads: uploaded files served only through the download view.

`check --deploy --fail-level WARNING` with production settings is asserted in
tests/programme/test_settings.py (test_check_deploy_is_clean_with_production_settings).
"""
