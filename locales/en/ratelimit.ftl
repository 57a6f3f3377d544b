ratelimit-slow-down = ⏳ You are going too fast. Please wait about { $seconds } seconds and try again; messages and button presses until then are ignored.
