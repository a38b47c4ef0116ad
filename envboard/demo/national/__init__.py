"""National-scale synthetic dataset (all 示例数据) for load and performance work."""
