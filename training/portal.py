"""The training area's place in the portal (see ``core.portal``).

It has no pages yet, so it declares no URLs, menu entry or home panel: the menu offers only
what can be used. Its pages, entry (shown to ``access.can_use_training``) and panels are
declared here as they are built."""
