print("hello from drydock")
