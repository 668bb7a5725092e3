"""理事会治理: the council's whole cycle (see apps.GovernanceConfig), one module per part in each
role's package — bodies and seats, meetings, votes and resolutions, minutes, routing of
matters, action items, plans, projects and funds, responsibility credits, public disclosure."""
