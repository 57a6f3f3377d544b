ratelimit-slow-down = ⏳ 您操作得太快了，请等 { $seconds } 秒左右再试。在此之前的消息和按键不会被处理。
