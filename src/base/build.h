// Facts about the build a test may adapt to.
#ifndef NEWSLOOM_BASE_BUILD_H_
#define NEWSLOOM_BASE_BUILD_H_

namespace newsloom {

// True in the AddressSanitizer/UndefinedBehaviorSanitizer build
// (-DNEWSLOOM_SANITIZE=...), where code runs several times slower: tests
// that sweep whole corpora check a sample there (every kSanitizedStride-th
// item) and everything in the plain build.
#ifdef NEWSLOOM_SANITIZED
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
inline constexpr int kSanitizedStride = 8;

// How many items of a sweep to skip between two checked ones (1 = none).
inline constexpr int SweepStride() { return kSanitized ? kSanitizedStride : 1; }

}  // namespace newsloom

#endif  // NEWSLOOM_BASE_BUILD_H_
