"""Strings of the Home page (``home.``).

``STRINGS[key] = {"en": ..., "zh": ...}``; see ``ui.i18n`` for the rules.
"""

from __future__ import annotations

# The key prefixes this module owns (tests/test_i18n.py checks every key against them).
PREFIXES: tuple[str, ...] = ("home",)

STRINGS: dict[str, dict[str, str]] = {
    "home.title": {"en": "NN Playground", "zh": "神经网络游乐场"},
    "home.tagline": {
        "en": "Neural networks you can touch: move a slider, see the maths change.",
        "zh": "看得见、摸得着的神经网络：拖动滑块，立刻看到数学的变化。",
    },
    "home.intro": {
        "en": (
            "This playground turns the basics of neural networks into pages you can play with. "
            "It starts from a single activation function, builds up to one neuron, then to a "
            "multilayer network that trains live in your browser, and ends with the forward and "
            "backward pass computed number by number. Every number comes from a small NumPy "
            "network written for this app and checked against PyTorch."
        ),
        "zh": (
            "这个游乐场把神经网络的基础知识变成可以动手玩的页面：从一个激活函数开始，到单个神经元，"
            "再到在浏览器里实时训练的多层网络，最后逐个数字地演算前向传播和反向传播。"
            "所有数字都来自为本应用编写的一个小型 NumPy 网络，并与 PyTorch 的结果逐一核对。"
        ),
    },
    "home.pages_header": {"en": "What you can explore", "zh": "可以探索的内容"},
    "home.card.activations": {
        "en": (
            "See why networks need nonlinearity, where sigmoid and tanh saturate, why ReLU units "
            "can die, and how gradients shrink through many layers."
        ),
        "zh": (
            "了解网络为什么需要非线性，sigmoid 和 tanh 在哪里饱和，ReLU 为什么会“死亡”，"
            "以及梯度如何在多层之间逐渐消失。"
        ),
    },
    "home.card.neuron": {
        "en": (
            "Move the weights and bias of one neuron, watch its decision line, and train it step "
            "by step with gradient descent or the perceptron rule."
        ),
        "zh": (
            "调节单个神经元的权重和偏置，观察它的决策直线，"
            "并用梯度下降或感知机规则一步步训练它。"
        ),
    },
    "home.card.mlp": {
        "en": (
            "Train a multilayer network live on toy datasets, with every control of TensorFlow "
            "Playground and more: proper losses, optimisers, and gradient diagnostics."
        ),
        "zh": (
            "在玩具数据集上实时训练多层网络：包含 TensorFlow Playground 的全部控件，"
            "还有更合适的损失函数、优化器和梯度诊断。"
        ),
    },
    "home.card.backprop": {
        "en": (
            "Step through the forward and backward pass of a small network with the real numbers, "
            "and check every gradient against PyTorch."
        ),
        "zh": "用真实的数字逐步走完一个小网络的前向与反向传播，并把每个梯度与 PyTorch 对照。",
    },
    "home.card.lessons": {
        "en": (
            "Twelve lessons along the tutorial: predict what will happen, run it on the right "
            "page, and read why, with the numbers from your own run."
        ),
        "zh": "沿着教程的十二节课：先预测会发生什么，再到对应页面动手运行，最后结合你自己运行的数字理解原因。",
    },
    "home.card.optimizers": {
        "en": (
            "Race SGD, momentum, Nesterov, Adam and RMSprop from the same start: their paths "
            "over a loss surface and their loss curves, side by side, live."
        ),
        "zh": "让 SGD、动量、Nesterov、Adam 和 RMSprop 从同一起点赛跑：并排实时查看它们在损失曲面上的路径和损失曲线。",
    },
    "home.card.class": {
        "en": (
            "Class mode: a teacher starts a class, students join with a code; predict "
            "together, follow the teacher's view, and race in a class challenge."
        ),
        "zh": "课堂模式：老师开课，学生用课堂码加入；一起预测、跟随老师的视图，"
              "并在课堂挑战中比拼。",
    },
    "home.open": {"en": "Open", "zh": "打开"},
    "home.tutorial_header": {"en": "The tutorial behind it", "zh": "配套教程"},
    "home.tutorial_text": {
        "en": (
            "The pages follow the order of chapter 2.3 of the PyTorch handbook (in Chinese): "
            "neurons and activation functions, then networks, then forward and backward "
            "propagation. Read a section there, then try it here."
        ),
        "zh": (
            "这些页面按照《PyTorch 中文手册》第 2.3 节的顺序展开：先是神经元和激活函数，"
            "然后是神经网络，最后是前向传播与反向传播。先读一节教程，再来这里动手试一试。"
        ),
    },
    "home.tutorial_button": {
        "en": "Chapter 2.3 on GitHub",
        "zh": "在 GitHub 上阅读第 2.3 节",
    },
    "home.language_hint": {
        "en": "Switch the language in the sidebar; the link keeps it (?lang=en or ?lang=zh).",
        "zh": "在侧边栏切换语言；链接会记住你的选择（?lang=en 或 ?lang=zh）。",
    },
}
