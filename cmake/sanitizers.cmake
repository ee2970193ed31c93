# Sanitizer and fuzzing builds (issue 13). Both are off by default; tools/test.sh turns them on
# in a separate clang build tree (build-san), so the normal build is unchanged.
#
#   RESERVE_SANITIZE=ON        AddressSanitizer + UndefinedBehaviorSanitizer for every target
#                              built here (library, CLI, tests); UB is fatal, never "recovered".
#   RESERVE_BUILD_FUZZERS=ON   libFuzzer harnesses under fuzz/ (clang only). Every object is
#                              also compiled with -fsanitize=fuzzer-no-link (coverage hooks), so
#                              the same library objects serve the tests and the fuzzers; programs
#                              other than the fuzzers get the hooks' no-op defaults from the
#                              ASan runtime.
option(RESERVE_SANITIZE "Build with AddressSanitizer + UndefinedBehaviorSanitizer" OFF)
option(RESERVE_BUILD_FUZZERS "Build the libFuzzer harnesses in fuzz/ (clang, implies RESERVE_SANITIZE)" OFF)
set(RESERVE_FUZZ_SECONDS 5 CACHE STRING "Seconds per harness in the bounded fuzz run (CTest label fuzz)")

if(RESERVE_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "RESERVE_BUILD_FUZZERS=ON needs clang (libFuzzer); configure with "
                        "-DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14")
  endif()
  set(RESERVE_SANITIZE ON CACHE BOOL "Build with AddressSanitizer + UndefinedBehaviorSanitizer" FORCE)
endif()

if(RESERVE_SANITIZE)
  # -O1 (after the build type's -O2, so it wins): what the sanitizer manuals recommend, and it
  # compiles markedly faster on CI's two cores. Frame pointers give complete stacks in reports;
  # line tables are enough for symbolised reports and link much faster than full debug info.
  set(RESERVE_SANITIZER_FLAGS -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fno-omit-frame-pointer)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    list(APPEND RESERVE_SANITIZER_FLAGS -gline-tables-only)
  endif()
  add_compile_options(${RESERVE_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined)
  if(RESERVE_BUILD_FUZZERS)
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
  message(STATUS "libreserve: sanitizers on; fuzzers ${RESERVE_BUILD_FUZZERS}")
endif()
