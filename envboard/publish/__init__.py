"""Publication (信息公开): the approved-aggregate snapshot, its allow-list and the static site."""
