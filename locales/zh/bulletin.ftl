# /bulletin (staff publish the health bulletin) and /bulletins (anyone reads it again)
bulletin-lang-zh = 中文
bulletin-lang-en = 英文
bulletin-usage =
    用法：<code>/bulletin [年-月] 标题</code>，正文写在下面几行。例如：
    <code>/bulletin 2027-03 春季防病与除四害</code>
    居民朋友们：……
    不写月份就是下一期（逢单月1日发布）。也可以发一张照片或一个 PDF，说明写 <code>/bulletin [年-月] 标题</code>。
bulletin-usage-file = 请在照片或 PDF 的说明里写上标题：<code>/bulletin [年-月] 标题</code>（下面几行可以再写几句说明）。
bulletin-error-empty = 正文是空的。请把专刊内容写在标题下面几行，或者发一张照片或一个 PDF，说明写 <code>/bulletin [年-月] 标题</code>。
bulletin-error-bad-month = “{ $month }”不是月份，请写成 年-月，例如 2027-03。
bulletin-error-not-issue-month = { $month }没有专刊：专刊在每年 { $months } 月发布，请选其中一个月。
bulletin-error-past = { $month }期已经过了发布日期（{ $date }），不能再发布。请发布下一期（不写月份即可）。
bulletin-error-sent = { $month }期已经发出，不能再替换。如需更正，请回复该期的发送摘要，用 /correct 新内容。
bulletin-error-no-month = 找不到可以发布的月份（data/notices.json 里没有以后的专刊日期）。
bulletin-error-no-notice = data/notices.json 里没有专刊通知（"bulletin": true），无法发布。
bulletin-error-file-type = 不支持这种文件（{ $kind }）。专刊只能是文字、照片或 PDF 文件。
bulletin-error-text-long = 专刊太长：居民收到的消息有 { $length } 个字，Telegram 一条消息最多 { $max } 个字。请删去 { $over } 个字，或改发 PDF。
bulletin-error-caption-long = 说明太长：照片或文件的说明有 { $length } 个字，Telegram 最多 { $max } 个字。请删去 { $over } 个字（正文可以放在 PDF 里）。
bulletin-preview-head = 📰 <b>预览：{ $month }期卫生健康专刊（{ $lang }版）</b>
bulletin-preview-when = 确认后保存，{ $when } 随“卫生健康专刊”通知发给全部订阅者（目前 { $count } 个）。之前不会发出（除非用 /sendnow health-bulletin）。
bulletin-preview-other-given = { $lang }版已经发布，{ $lang }用户收到{ $lang }版。
bulletin-preview-other-missing = 还没有{ $lang }版：{ $lang }用户也会收到这一版。需要的话，再用 /bulletin 发布{ $lang }版。
bulletin-preview-replaces-file = ⚠️ 将替换 { $file } 里的本期。
bulletin-preview-replaces-version = ⚠️ 将替换之前保存的这一版（“{ $title }”）。
bulletin-preview-below = 下面就是居民将收到的消息：
bulletin-confirm = ✅ 确认保存
bulletin-cancel = ✖️ 取消
bulletin-cancelled = 已取消，没有保存。
bulletin-expired = 这个预览已失效（机器人重启过或已超过一天），请重新发送 /bulletin。
bulletin-not-yours = 只有发起的工作人员可以确认。
bulletin-already-saved = 已经保存过了。
bulletin-saved-short = 已保存
bulletin-saved = ✅ 已保存{ $month }期（{ $lang }版）。将于 { $when } 随通知发给全部订阅者。发送 /bulletins 可以查看。
bulletin-issue-head = 📰 <b>{ $notice } · { $month }</b>
bulletin-list-empty = 还没有任何一期卫生健康专刊。
bulletin-list-title = 📰 <b>{ $notice }</b>
bulletin-list-past = <b>往期</b>
bulletin-list-upcoming = <b>即将发布</b>
bulletin-list-item = • { $month }：{ $title }
bulletin-list-item-upcoming = • { $month }：{ $when } 发布
bulletin-list-item-upcoming-staff = • { $month }：{ $when } 发布（{ $title }）
bulletin-list-more = …还有更早的 { $n } 期
bulletin-list-footer = 点按钮阅读。
bulletin-list-footer-none = 到时会发给每位订阅者。
bulletin-open-unknown = 找不到这一期。
bulletin-open-not-yet = 这一期将于 { $when } 发布，到时可以阅读。
