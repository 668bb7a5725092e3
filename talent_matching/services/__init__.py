"""The talent platform's writes, one module per part; every state change goes through a function here."""
