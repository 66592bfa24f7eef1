#pragma once

/// True in the sanitizer build (scripts/test.sh --sanitize: ASan, LSan and UBSan on the tests
/// and on the gateway binary they start). Two kinds of measurement mean nothing there:
/// - resident memory: ASan's allocator keeps freed memory in its quarantine and adds shadow
///   memory, so RSS bounds are checked in the normal build only;
/// - running out of file descriptors: UBSan's vptr check tests memory with pipe(), which fails
///   when no descriptor is left, and then reports a valid object as having an invalid vptr.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitizedBuild = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitizedBuild = true;
#else
inline constexpr bool kSanitizedBuild = false;
#endif
#else
inline constexpr bool kSanitizedBuild = false;
#endif
