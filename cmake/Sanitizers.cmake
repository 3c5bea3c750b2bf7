# AddressSanitizer + UndefinedBehaviorSanitizer for vitlens's own targets (the asan preset).
option(VITLENS_SANITIZE "Build vitlens targets with ASan and UBSan" OFF)
add_library(vitlens_sanitizers INTERFACE)
if(VITLENS_SANITIZE)
  target_compile_options(vitlens_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(vitlens_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# libFuzzer builds (scripts/fuzz.sh): every vitlens target gets coverage instrumentation plus ASan and UBSan.
option(VITLENS_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang)" OFF)
if(VITLENS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "VITLENS_FUZZ needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  target_compile_options(vitlens_sanitizers INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                                                      -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  target_link_options(vitlens_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
