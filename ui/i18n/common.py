"""Strings every page shares: the frame (``common.``), the page names (``nav.``) and
the notices about URL parameters (``state.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("common", "nav", "state")

STRINGS: dict[str, dict[str, str]] = {
    # --- common ---
    "common.app_name": {"en": "NN Playground", "zh": "神经网络游乐场"},
    "common.lang_label": {"en": "Language · 语言", "zh": "Language · 语言"},
    "common.nav_header": {"en": "Pages", "zh": "页面"},
    "common.coming_soon": {
        "en": "This page is coming soon.",
        "zh": "本页面即将推出。",
    },
    "common.tutorial_link": {
        "en": "Follows the tutorial: PyTorch handbook, chapter 2.3 (neural networks)",
        "zh": "配套教程：PyTorch 中文手册第 2.3 节（神经网络简介）",
    },
    "common.sidebar_caption": {
        "en": "Every setting lives in the link: share it and others see the same page.",
        "zh": "所有设置都保存在链接里：分享链接，别人看到的就是同一个页面。",
    },
    "common.torch_missing": {
        "en": (
            "{what} needs PyTorch, which is not installed where this app runs. To enable it, "
            "install it in the app's environment: `pip install torch` (PyTorch's CPU-only "
            "build is a fraction of the size of the default one; see PyTorch's install page)."
        ),
        "zh": (
            "{what}需要 PyTorch，而运行本应用的环境中没有安装它。如需启用，"
            "请在应用的环境中安装：`pip install torch`"
            "（PyTorch 的纯 CPU 版本比默认版本小得多，见 PyTorch 官网的安装说明）。"
        ),
    },
    "common.yes": {"en": "yes", "zh": "是"},
    "common.present": {"en": "Presentation mode", "zh": "演示模式"},
    "common.present_help": {
        "en": (
            "For a projector: larger type, high contrast, the sidebar closed. The link "
            "keeps it (?present=1); drop the parameter for the normal view."
        ),
        "zh": "用于投影：更大的字号、高对比度、收起侧边栏。链接会记住它（?present=1）；"
              "去掉这个参数即恢复普通视图。",
    },
    "common.no_lesson": {
        "en": "{setting} names no lesson; the page opens without one.",
        "zh": "{setting} 不是任何一课；页面将不带课程打开。",
    },
    "common.no": {"en": "no", "zh": "否"},
    # --- nav ---
    "nav.home": {"en": "Home", "zh": "首页"},
    "nav.activations": {"en": "Activation functions", "zh": "激活函数"},
    "nav.neuron": {"en": "Single neuron", "zh": "单个神经元"},
    "nav.mlp": {"en": "MLP training", "zh": "多层网络训练"},
    "nav.backprop": {"en": "Forward and backward pass", "zh": "前向与反向传播"},
    "nav.lessons": {"en": "Lessons", "zh": "课程"},
    "nav.optimizers": {"en": "Optimiser race", "zh": "优化器赛跑"},
    "nav.class": {"en": "Class", "zh": "课堂"},
    # --- state (URL parameters) ---
    "state.notice_header": {
        "en": "Some settings in the link could not be used as they were written:",
        "zh": "链接中的部分设置无法按原样使用：",
    },
    "state.not_int": {
        "en": "{setting} is not a whole number; using {default}.",
        "zh": "{setting} 不是整数；改用 {default}。",
    },
    "state.not_float": {
        "en": "{setting} is not a finite number; using {default}.",
        "zh": "{setting} 不是有限的数；改用 {default}。",
    },
    "state.out_of_range": {
        "en": "{setting} is outside {lo} … {hi}; using {default}.",
        "zh": "{setting} 超出范围 {lo} … {hi}；改用 {default}。",
    },
    "state.not_choice": {
        "en": "{setting} is not one of {choices}; using {default}.",
        "zh": "{setting} 不在可选值 {choices} 之中；改用 {default}。",
    },
    "state.not_bool": {
        "en": "{setting} is not on/off (1/0, true/false); using {default}.",
        "zh": "{setting} 不是开关值（1/0、true/false）；改用 {default}。",
    },
    "state.unknown_items": {
        "en": "{name} lists unknown values {raw}; they were dropped.",
        "zh": "{name} 含有未知的值 {raw}，已忽略。",
    },
    "state.not_range": {
        "en": "{setting} is not two values lo,hi (lo < hi) from {choices}; using {default}.",
        "zh": "{setting} 不是取自 {choices} 的两个值 lo,hi（lo < hi）；改用 {default}。",
    },
    "state.not_ints": {
        "en": "{setting} is not up to {n} whole numbers from {lo} to {hi}; using {default}.",
        "zh": "{setting} 不是至多 {n} 个 {lo} 到 {hi} 之间的整数；改用 {default}。",
    },
    "state.not_floats": {
        "en": "{setting} is not a list of numbers from {lo} to {hi}; using {default}.",
        "zh": "{setting} 不是一组 {lo} 到 {hi} 之间的数；改用 {default}。",
    },
    "state.empty_list": {
        "en": "{name} selects nothing valid; using {default}.",
        "zh": "{name} 没有有效的选择；改用 {default}。",
    },
    "state.snapped": {
        "en": "{setting} is not a value the slider has; using the nearest one, {used}.",
        "zh": "{setting} 不是滑块上的值；改用最接近的 {used}。",
    },
    "state.unknown_params": {
        "en": "This page has no setting named {names}; removed from the link.",
        "zh": "本页面没有名为 {names} 的设置；已从链接中删除。",
    },
}
