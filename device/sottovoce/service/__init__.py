"""Running as a daemon: the main loop, signals, mute state and systemd notification."""
