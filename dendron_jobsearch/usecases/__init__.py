"""The use cases: what the commands do — scaffold, sync, add companies and interviews,
self-evaluate, check. Each reads the model, renders with the views and writes through the
one writer (`write.writer`)."""
