"""The result side of SAKIP: measurement, realisation with evidence, spending and the LKj."""
