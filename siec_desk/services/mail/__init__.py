"""Letters leave the office: the centre's outgoing mail server and sending a letter.

``settings`` (the SMTP settings, their checks), ``passwords`` (the password in the
operating system's keyring, never in the database), ``message`` (the e-mail in the
letter's language with the archived PDF attached), ``smtp`` (the conversation with the
server and its failures in one translated line) and ``service`` (the use cases the GUI
and the command line share: send a letter, send a test message).
"""
