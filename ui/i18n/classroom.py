"""Strings of class mode (``class.``): the Class page, and what a student in a class sees
on every page (the frame's class box and sidebar).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules.
"""

from __future__ import annotations

PREFIXES: tuple[str, ...] = ("class",)

STRINGS: dict[str, dict[str, str]] = {
    "class.title": {"en": "Class", "zh": "课堂"},
    "class.intro": {
        "en": (
            "A teacher starts a class; students join with its code. Then the class predicts "
            "together, follows the teacher's view and races in a challenge. No accounts: a "
            "nickname is all a student gives."
        ),
        "zh": "老师开课，学生用课堂码加入。之后全班一起预测、跟随老师的视图，并在挑战中比拼。"
              "无需账号：学生只需起一个昵称。",
    },
    # --- the link
    "class.url.bad_code": {
        "en": "{setting} is not a class code (6 letters and digits); the page opens outside "
              "any class.",
        "zh": "{setting} 不是课堂码（6 位字母和数字）；页面将不在任何课堂中打开。",
    },
    "class.url.not_key": {
        "en": "{setting} is not a teacher key; the page opens without the dashboard.",
        "zh": "{setting} 不是教师密钥；页面将不打开教师面板。",
    },
    "class.url.teacher_no_class": {
        "en": "The teacher link names no class; copy the whole link from the dashboard.",
        "zh": "教师链接中没有课堂码；请从教师面板复制完整的链接。",
    },
    "class.url.bad_teacher": {
        "en": "This teacher link does not open the class: the class has ended, or the key "
              "is not this class's.",
        "zh": "此教师链接无法打开课堂：课堂已结束，或密钥不属于这个课堂。",
    },
    # --- errors (StoreError codes)
    "class.error.not_found": {
        "en": "No class has this code: check it with your teacher (the class may have ended, "
              "or been idle for 12 hours).",
        "zh": "没有使用此课堂码的课堂：请向老师核对（课堂可能已经结束，或已闲置 12 小时）。",
    },
    "class.error.ended": {
        "en": "That is closed already: the teacher has moved on.",
        "zh": "这一项已经关闭：老师已经进入下一步。",
    },
    "class.error.forbidden": {
        "en": "Only the class's teacher can do that (or you are no longer in the class).",
        "zh": "只有本课堂的老师可以这样做（或者你已不在该课堂中）。",
    },
    "class.error.full": {
        "en": "Full: a class takes at most 500 students, and at most 200 classes can be open "
              "at once.",
        "zh": "已满：一个课堂最多 500 名学生，同时最多开设 200 个课堂。",
    },
    "class.error.invalid": {
        "en": "That was not accepted: a text too long, or a value out of range.",
        "zh": "未被接受：文字过长，或数值超出范围。",
    },
    "class.error.unavailable": {
        "en": "The class store cannot be reached right now, so class mode is paused. Every "
              "other page works as usual; try again in a moment.",
        "zh": "暂时无法连接课堂存储，课堂模式已暂停。其他页面照常可用；请稍后再试。",
    },
    "class.error.rate_limited": {
        "en": "Too many wrong codes: wait a minute before trying again.",
        "zh": "错误的课堂码太多：请等待一分钟后再试。",
    },
    "class.error.too_many": {
        "en": "The class has reached its limit for this (questions, challenges, or your "
              "entries to this challenge).",
        "zh": "课堂在这一项上已达上限（问题、挑战，或你对本挑战的提交次数）。",
    },
    # --- join, start, leave
    "class.join.header": {"en": "Join a class", "zh": "加入课堂"},
    "class.join.code": {"en": "Class code", "zh": "课堂码"},
    "class.join.nick": {"en": "Nickname (optional)", "zh": "昵称（可选）"},
    "class.join.nick_placeholder": {"en": "e.g. Ada", "zh": "例如：小明"},
    "class.join.nick_help": {
        "en": "At most 24 characters, shown to the class on the challenge's leaderboard. "
              "Leave it empty to be \"Student N\". Do not use your full name.",
        "zh": "最多 24 个字符，会显示在挑战排行榜上。留空则显示为“Student N”。请不要使用全名。",
    },
    "class.join.button": {"en": "Join", "zh": "加入"},
    "class.joined": {"en": "You are in class {code}.", "zh": "你已加入课堂 {code}。"},
    "class.left": {"en": "You left the class.", "zh": "你已离开课堂。"},
    "class.gone": {
        "en": "Class {code} has ended.",
        "zh": "课堂 {code} 已结束。",
    },
    "class.teach.header": {"en": "Teach", "zh": "授课"},
    "class.teach.text": {
        "en": (
            "Start a class and project its code and QR code; up to {n} students join from "
            "their own devices. You then open a lesson's question, reveal the answers, send "
            "the class the page you are showing, and set a challenge."
        ),
        "zh": "开设一个课堂并投影其课堂码和二维码；最多 {n} 名学生可用自己的设备加入。"
              "之后你可以发布某一课的预测问题、公布答案分布、把你正在展示的页面发给全班，并设置挑战。",
    },
    "class.teach.start": {"en": "Start a class", "zh": "开设课堂"},
    "class.invite": {
        "en": "This link invites you to class **{code}**.",
        "zh": "此链接邀请你加入课堂 **{code}**。",
    },
    "class.invite.join": {"en": "Join the class", "zh": "加入课堂"},
    "class.invite.no": {"en": "Not now", "zh": "暂不加入"},
    "class.status": {
        "en": "You are in class **{code}** as {nick}.",
        "zh": "你在课堂 **{code}** 中，昵称为 {nick}。",
    },
    "class.status_help": {
        "en": (
            "The teacher's question, the views they send and the challenge show at the top "
            "of every page while you are in the class."
        ),
        "zh": "在课堂中时，老师的问题、发送的视图和挑战会显示在每个页面的顶部。",
    },
    "class.status_mlp": {"en": "Open the MLP page", "zh": "打开多层网络训练页面"},
    # --- the sidebar
    "class.side.teacher": {
        "en": "Class **{code}** · you are its teacher",
        "zh": "课堂 **{code}** · 你是老师",
    },
    "class.side.member": {
        "en": "Class **{code}** · you are {nick}",
        "zh": "课堂 **{code}** · 你的昵称：{nick}",
    },
    "class.side.dashboard": {"en": "Dashboard", "zh": "教师面板"},
    "class.side.send_this": {"en": "Send this view to the class", "zh": "把此视图发给全班"},
    "class.side.send_this_help": {
        "en": "Every student gets this page with all its settings, one click away.",
        "zh": "每个学生都会收到带有全部设置的此页面，一键即可打开。",
    },
    "class.side.follow": {"en": "Follow the teacher", "zh": "跟随老师"},
    "class.side.follow_help": {
        "en": "When on, a view the teacher sends opens by itself.",
        "zh": "打开后，老师发送的视图会自动打开。",
    },
    "class.side.leave": {"en": "Leave the class", "zh": "离开课堂"},
    "class.poll.unavailable": {
        "en": "Class mode is paused: the class store cannot be reached.",
        "zh": "课堂模式已暂停：无法连接课堂存储。",
    },
    # --- a question
    "class.q.header": {"en": "The teacher asks:", "zh": "老师提问："},
    "class.q.your_answer": {"en": "Your answer", "zh": "你的回答"},
    "class.q.pick": {
        "en": "Pick your answer; you can change it until the teacher reveals the answers.",
        "zh": "选择你的答案；在老师公布答案分布之前可以修改。",
    },
    "class.q.answered": {
        "en": "Your answer: {choice}. You can change it until the teacher reveals the answers.",
        "zh": "你的回答：{choice}。在老师公布答案分布之前可以修改。",
    },
    "class.q.revealed": {
        "en": "The class's answers ({n} answered):",
        "zh": "全班的回答（{n} 人作答）：",
    },
    "class.q.yours": {"en": "your answer", "zh": "你的回答"},
    "class.q.section": {"en": "Predict together", "zh": "一起预测"},
    "class.q.pick_lesson": {"en": "Question", "zh": "问题"},
    "class.q.own": {"en": "My own question", "zh": "自己出题"},
    "class.q.text": {"en": "Your question", "zh": "你的问题"},
    "class.q.choice": {"en": "Choice {n}", "zh": "选项 {n}"},
    "class.q.open": {"en": "Ask the class", "zh": "向全班提问"},
    "class.q.need_choices": {
        "en": "Write the question and 2 to 4 choices.",
        "zh": "请写下问题和 2 到 4 个选项。",
    },
    "class.q.none": {"en": "No question is open.", "zh": "当前没有开放的问题。"},
    "class.q.col_choice": {"en": "Choice", "zh": "选项"},
    "class.q.col_answers": {"en": "Answers", "zh": "人数"},
    "class.q.col_share": {"en": "Share", "zh": "占比"},
    "class.q.count": {
        "en": "**{n}** of {members} students have answered.",
        "zh": "{members} 名学生中已有 **{n}** 人作答。",
    },
    "class.q.reveal": {"en": "Reveal the answers", "zh": "公布答案分布"},
    "class.q.is_revealed": {
        "en": "Revealed: every student sees these counts.",
        "zh": "已公布：每个学生都能看到这些人数。",
    },
    "class.q.run_it": {"en": "Run it", "zh": "动手运行"},
    "class.q.run_it_help": {
        "en": "Sends every student the lesson's page with its settings; the lesson then "
              "explains with their own run.",
        "zh": "把这一课的页面和设置发给每个学生；随后课程会结合他们自己的运行结果进行讲解。",
    },
    # --- a view
    "class.view.section": {"en": "Send a view", "zh": "发送视图"},
    "class.view.help": {
        "en": (
            "Send a page with every setting: the page as you last left it in this session, "
            "a link you paste, or \"Send this view to the class\" in the sidebar of any page."
        ),
        "zh": "发送带有全部设置的页面：你在本次会话中最后一次离开时的页面、你粘贴的链接，"
              "或在任意页面侧边栏中点击“把此视图发给全班”。",
    },
    "class.view.page": {"en": "Page", "zh": "页面"},
    "class.view.send": {"en": "Send", "zh": "发送"},
    "class.view.will_send": {"en": "Sends {link}", "zh": "将发送 {link}"},
    "class.view.paste": {"en": "Or paste a link", "zh": "或粘贴一个链接"},
    "class.view.send_link": {"en": "Send the link", "zh": "发送链接"},
    "class.view.sent": {"en": "Sent to the class.", "zh": "已发给全班。"},
    "class.view.bad_link": {
        "en": "That is not a link to a page of this app.",
        "zh": "这不是本应用某个页面的链接。",
    },
    "class.view.notice": {
        "en": "The teacher sent a view: **{page}**.",
        "zh": "老师发送了一个视图：**{page}**。",
    },
    "class.view.open": {"en": "Open it", "zh": "打开"},
    "class.view.dismiss": {"en": "Dismiss", "zh": "忽略"},
    # --- the challenge
    "class.ch.section": {"en": "Class challenge", "zh": "课堂挑战"},
    "class.ch.dataset": {"en": "Dataset", "zh": "数据集"},
    "class.ch.noise": {"en": "Noise (%)", "zh": "噪声（%）"},
    "class.ch.neurons": {"en": "Most hidden neurons", "zh": "隐藏神经元上限"},
    "class.ch.target": {"en": "Test accuracy to beat", "zh": "要超过的测试准确率"},
    "class.ch.epochs": {"en": "Most epochs", "zh": "轮数上限"},
    "class.ch.set": {"en": "Set the challenge", "zh": "设置挑战"},
    "class.ch.none": {"en": "No challenge is set.", "zh": "尚未设置挑战。"},
    "class.ch.summary": {
        "en": (
            "**Challenge:** {dataset}, noise {noise}, at most {neurons} hidden neurons: beat "
            "{target} test accuracy within {epochs} epochs. Ranked by test accuracy, then "
            "fewer neurons, then fewer epochs."
        ),
        "zh": "**挑战：**{dataset}，噪声 {noise}，隐藏神经元最多 {neurons} 个：在 {epochs} "
              "轮之内让测试准确率超过 {target}。按测试准确率排名，其次是更少的神经元、更少的轮数。",
    },
    "class.ch.submit": {"en": "Submit my MLP run", "zh": "提交我的 MLP 运行"},
    "class.ch.submit_help": {
        "en": "Sends your current run on the MLP page (its settings and epochs); the server "
              "retrains it to score it.",
        "zh": "提交你在多层网络训练页面上的当前运行（设置和轮数）；服务器会重新训练它来评分。",
    },
    "class.ch.waiting": {
        "en": "Your run of {epochs} epochs is waiting to be scored.",
        "zh": "你训练了 {epochs} 轮的运行正在等待评分。",
    },
    "class.ch.scored": {
        "en": "Your run: {acc} test accuracy, {neurons} neurons, {epochs} epochs · rank {rank} "
              "of {n}.",
        "zh": "你的运行：测试准确率 {acc}，{neurons} 个神经元，{epochs} 轮 · "
              "第 {rank} 名（共 {n} 个）。",
    },
    "class.ch.no_entries": {"en": "No entries yet.", "zh": "还没有提交。"},
    "class.submit.no_run": {
        "en": "Open the MLP page and train a run first.",
        "zh": "请先打开多层网络训练页面并训练一次。",
    },
    "class.submit.no_epochs": {
        "en": "Your run has not trained yet: press Play or Step on the MLP page.",
        "zh": "你的运行还没有训练：请在多层网络训练页面上点击播放或单步。",
    },
    "class.submit.own_data": {
        "en": (
            "A run on uploaded or clicked-in points cannot be submitted: the challenge is on "
            "the MLP page's own data. Go back to the generated dataset."
        ),
        "zh": "基于上传数据或点击添加的点的运行不能提交：挑战使用多层网络训练页面自带的数据。"
              "请换回生成的数据集。",
    },
    "class.submit.queued": {
        "en": "Submitted: {epochs} epochs, to be retrained and scored.",
        "zh": "已提交：{epochs} 轮，等待重新训练并评分。",
    },
    "class.submit.capped": {
        "en": " The challenge counts the first {cap} epochs.",
        "zh": "挑战只计算前 {cap} 轮。",
    },
    "class.refused.config": {
        "en": "Your entry could not be read; submit it again.",
        "zh": "无法读取你的提交；请重新提交。",
    },
    "class.refused.dataset": {
        "en": "Your entry was refused: its dataset is not the challenge's.",
        "zh": "你的提交被拒绝：数据集与挑战不符。",
    },
    "class.refused.noise": {
        "en": "Your entry was refused: its noise is not the challenge's.",
        "zh": "你的提交被拒绝：噪声与挑战不符。",
    },
    "class.refused.neurons": {
        "en": "Your entry was refused: it has more hidden neurons than the challenge allows.",
        "zh": "你的提交被拒绝：隐藏神经元超过了挑战允许的数量。",
    },
    "class.refused.kind": {
        "en": "Your entry was refused: the challenge is a classification task.",
        "zh": "你的提交被拒绝：挑战是一个分类任务。",
    },
    "class.refused.diverged": {
        "en": "Your entry diverged when retrained (the loss became infinite): try a smaller "
              "learning rate.",
        "zh": "你的提交在重新训练时发散了（损失变为无穷大）：请尝试更小的学习率。",
    },
    "class.status.queued": {"en": "waiting", "zh": "等待中"},
    "class.status.scoring": {"en": "scoring", "zh": "评分中"},
    "class.status.scored": {"en": "scored", "zh": "已评分"},
    "class.status.refused": {"en": "refused", "zh": "被拒绝"},
    "class.board.rank": {"en": "Rank", "zh": "名次"},
    "class.board.nickname": {"en": "Nickname", "zh": "昵称"},
    "class.board.acc": {"en": "Test accuracy", "zh": "测试准确率"},
    "class.board.neurons": {"en": "Neurons", "zh": "神经元"},
    "class.board.epochs": {"en": "Epochs", "zh": "轮数"},
    "class.board.status": {"en": "Status", "zh": "状态"},
    "class.board.link": {"en": "Run", "zh": "运行"},
    "class.board.open": {"en": "open", "zh": "打开"},
    # --- the dashboard
    "class.dash.code": {"en": "Join code", "zh": "课堂码"},
    "class.dash.join_at": {
        "en": "Students scan the QR code, or open the Class page and type the code. The link:",
        "zh": "学生扫描二维码，或打开“课堂”页面输入课堂码。链接：",
    },
    "class.dash.members": {"en": "Students in the class", "zh": "课堂中的学生"},
    "class.dash.qr_caption": {"en": "Scan to join", "zh": "扫码加入"},
    "class.dash.qr_alt": {"en": "QR code of the class's join link: {link}",
                          "zh": "本课堂加入链接的二维码：{link}"},
    "class.dash.teacher_link": {
        "en": "Teacher link (reopens this dashboard on another device)",
        "zh": "教师链接（在其他设备上重新打开此面板）",
    },
    "class.dash.teacher_link_warning": {
        "en": (
            "Keep this link private: whoever has it runs the class. Do not project it or "
            "send it to students."
        ),
        "zh": "请妥善保管此链接：拿到它的人就能管理课堂。不要投影它，也不要发给学生。",
    },
    "class.dash.stop": {"en": "Close the dashboard here", "zh": "在此关闭教师面板"},
    "class.dash.stop_help": {
        "en": "The class goes on; the teacher link opens the dashboard again.",
        "zh": "课堂继续进行；用教师链接可以再次打开面板。",
    },
    # --- the end
    "class.end.section": {"en": "End the class", "zh": "结束课堂"},
    "class.end.button": {"en": "End class…", "zh": "结束课堂……"},
    "class.end.confirm": {
        "en": (
            "Download the anonymous results (answers per choice, the challenge's ranking by "
            "nickname) now: deleting the class deletes everything in it at once."
        ),
        "zh": "请现在下载匿名结果（每个选项的人数、按昵称的挑战排名）："
              "删除课堂会立即删除其中的全部内容。",
    },
    "class.end.download": {"en": "Download the results (CSV)", "zh": "下载结果（CSV）"},
    "class.end.delete": {"en": "Delete the class now", "zh": "立即删除课堂"},
    "class.end.cancel": {"en": "Cancel", "zh": "取消"},
    "class.ended": {
        "en": "Class {code} has ended and is deleted.",
        "zh": "课堂 {code} 已结束并删除。",
    },
}
