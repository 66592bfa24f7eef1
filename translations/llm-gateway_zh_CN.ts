<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StatusWindow</name>
    <message>
        <location filename="../ui/StatusWindow.ui" line="9"/>
        <source>LLM Gateway</source>
        <translation>LLM 网关</translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="23"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="34"/>
        <source>OpenAI-compatible base URL for your tools:</source>
        <translation>供你的工具使用的 OpenAI 兼容基础 URL：</translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="56"/>
        <source>Copy endpoint URL</source>
        <translation>复制端点 URL</translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="61"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>TrayShell</name>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="30"/>
        <location filename="../src/gui/TrayShell.cpp" line="83"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="33"/>
        <source>Copy endpoint URL</source>
        <translation>复制端点 URL</translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="35"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="39"/>
        <source>LLM Gateway cannot start</source>
        <translation>LLM 网关无法启动</translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="77"/>
        <source>Serving on %1</source>
        <translation>正在 %1 上提供服务</translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="80"/>
        <source>Not serving: %1</source>
        <translation>未在服务：%1</translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="86"/>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="94"/>
        <source>LLM Gateway — %1</source>
        <translation>LLM 网关 — %1</translation>
    </message>
</context>
</TS>
