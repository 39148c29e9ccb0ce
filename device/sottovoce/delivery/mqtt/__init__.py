"""MQTT: the broker link, the publisher, topic names, Home Assistant discovery, Hermes, remote commands."""
