<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>StatusWindow</name>
    <message>
        <location filename="../ui/StatusWindow.ui" line="9"/>
        <source>LLM Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="23"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="34"/>
        <source>OpenAI-compatible base URL for your tools:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="56"/>
        <source>Copy endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusWindow.ui" line="61"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayShell</name>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="30"/>
        <location filename="../src/gui/TrayShell.cpp" line="83"/>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="33"/>
        <source>Copy endpoint URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="35"/>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="39"/>
        <source>LLM Gateway cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="77"/>
        <source>Serving on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="80"/>
        <source>Not serving: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="86"/>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../src/gui/TrayShell.cpp" line="94"/>
        <source>LLM Gateway — %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
