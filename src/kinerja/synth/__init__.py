"""The synthetic national KPU tree (`kinerja synth`): offices, plans, results and workflow."""
