"""The deterministic demo dataset (Jiangxi and three other cities) and the national-scale generator."""
