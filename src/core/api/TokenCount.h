#pragma once

#include <QtGlobal>

/// The input-token estimate's count of a text's characters (TokenEstimator): four characters
/// below U+2E80 (Latin, Greek, Cyrillic, symbols) to a token, and a token for each UTF-16 unit
/// from U+2E80 on (CJK and beyond). Shared by TokenEstimator and JsonTree::parseChecked, which
/// counts each string while it checks it, so that the estimate of a large request need not
/// scan its text a second time.
struct TokenCount
{
    static constexpr unsigned kFirstWide = 0x2E80;

    qint64 narrow = 0;
    qint64 wide = 0;

    void add(unsigned codePoint)
    {
        if (codePoint < kFirstWide)
            ++narrow;
        else if (codePoint < 0x10000)
            ++wide;
        else
            wide += 2; // a surrogate pair in UTF-16
    }
    /// A \uXXXX escape's UTF-16 unit: each half of a pair counts, as QString counts them.
    void addUnit(unsigned unit) { unit < kFirstWide ? ++narrow : ++wide; }
    /// The UTF-8 character (two bytes and more) that starts at `lead`, `length` bytes long.
    void addMultibyte(const char *lead, qsizetype length)
    {
        const auto c = static_cast<unsigned char>(*lead);
        if (c < 0xE0)
            ++narrow; // below U+0800
        else if (c < 0xF0)
            add((unsigned(c & 0x0F) << 12) |
                (length > 1 ? unsigned(static_cast<unsigned char>(lead[1]) & 0x3F) << 6 : 0));
        else
            wide += 2;
    }
    qint64 tokens() const { return (narrow + 3) / 4 + wide; }
};
