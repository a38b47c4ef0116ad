"""EnvBoard 督察整改看板: core → standards → domain → ingest/demo/security → briefing/publish → ui/cli."""
