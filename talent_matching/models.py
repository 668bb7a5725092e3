"""The talent supply–demand platform (人才供需平台): postings, profiles, matching (to come)."""
