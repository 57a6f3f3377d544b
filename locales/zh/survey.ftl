# 知晓率问卷（/survey）
campaign-source-survey = 问卷调查
survey-usage = 用法：/survey 发送知晓率问卷；/survey results 查看结果；/survey close 结束本轮。
survey-none = 还没有问卷（data/survey.json 不存在）。
survey-round-open = 第 { $round } 轮问卷正在进行（{ $date } 起，{ $completed } 人已答完）。要发新一轮，请先发送 /survey close 结束本轮。
survey-no-recipients = 还没有私聊订阅者，问卷无人可发。
survey-preview =
    📝 将向 { $count } 位私聊订阅者发送创建全国文明城市知晓率问卷（第 { $round } 轮）。
    共 { $questions } 题，以不匿名的 Telegram 投票发出，一次一题：答完一题，下一题自动出现。答完的问卷立即计入“知晓率调查问卷”和“创建知晓率”。
    
    { $list }
    
    确认发送吗？
survey-confirm = ✅ 确认发送
survey-confirmed = 📤 已确认，正在发送
survey-cancel = 取消
survey-cancelled = 已取消，问卷没有发送。
survey-expired = 这个预览已过期，请重新发送 /survey。
survey-not-yours = 只有发起的工作人员可以确认。
survey-already = 已经处理过了。
survey-round-opened = 另一轮问卷已经开始，这个预览不再发送。发送 /survey results 查看结果。
survey-sending = 📤 第 { $round } 轮问卷正在发给 { $count } 位订阅者，发送进度见下一条消息。发送 /survey results 查看结果。
survey-thanks = 🙏 谢谢您！问卷已完成。答案可以在投票里改，改了会自动更新。
survey-uncounted = 您撤回了一个答案，这份问卷暂不计入统计；重新选择后会再计入。
survey-closed-answer = 这一轮问卷已经结束，新的答案不再计入。谢谢您！
survey-close-none = 现在没有进行中的问卷。
survey-close-done = 第 { $round } 轮问卷已结束：{ $completed } 人答完，知晓率 { $rate }。之后的答案不再计入。
survey-results-title = 📊 <b>知晓率问卷结果</b>
survey-results-none = 还没有发过问卷。发送 /survey 开始第一轮。
survey-results-round = <b>第 { $round } 轮</b>（{ $date } 起，{ $open ->
        [yes] 进行中
       *[no] 已结束
    }）
survey-results-line = 发出 { $recipients } 份，{ $respondents } 人作答，答完 { $completed } 份（答完率 { $completion }），知晓 { $aware } 份，知晓率 { $rate }
survey-results-all = <b>全部轮次合计</b>
survey-results-by-compound = <b>按小区</b>
survey-results-compound-line = · { $name }：答完 { $completed } 份，知晓率 { $rate }
survey-compound-none = 未选小区
survey-results-seed =
    { $diff ->
        [higher] 比年度总结的 { $seed }（纸质问卷）高 { $points } 个百分点。
        [lower] 比年度总结的 { $seed }（纸质问卷）低 { $points } 个百分点。
       *[same] 与年度总结的 { $seed }（纸质问卷）持平。
    }
survey-results-privacy = 个人答案不会显示，只统计总数。
survey-rate-none = —
