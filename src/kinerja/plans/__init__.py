"""The plan side of SAKIP: the Renstra, the achievement settings and the Perjanjian Kinerja."""
