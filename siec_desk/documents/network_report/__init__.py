"""The coordinator's network report (tables by centre, country and month, and every
export table summed over the centres), composed once in a language and rendered as
Excel or PDF; the network window shows the same content."""
