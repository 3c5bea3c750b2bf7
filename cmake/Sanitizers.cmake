# AddressSanitizer + UndefinedBehaviorSanitizer for vitlens's own targets (the asan preset).
option(VITLENS_SANITIZE "Build vitlens targets with ASan and UBSan" OFF)
add_library(vitlens_sanitizers INTERFACE)
if(VITLENS_SANITIZE)
  target_compile_options(vitlens_sanitizers INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(vitlens_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
