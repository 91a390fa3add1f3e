"""Virtual devices for tests and demos: pty serial scales and bumble BLE peripherals."""
