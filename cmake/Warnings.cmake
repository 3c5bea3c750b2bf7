# Warnings for vitlens's own targets only (never global flags).
option(VITLENS_WERROR "Treat warnings as errors" OFF)
add_library(vitlens_warnings INTERFACE)
target_compile_options(vitlens_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wnull-dereference>
  $<$<AND:$<BOOL:${VITLENS_WERROR}>,$<CXX_COMPILER_ID:GNU,Clang>>:-Werror>)
