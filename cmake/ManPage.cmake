# vitlens_man_page(TARGET SUMMARY): TARGET.1.gz from TARGET --help at build time, installed into man1.
include(GNUInstallDirs)
function(vitlens_man_page target summary)
  set(page ${CMAKE_CURRENT_BINARY_DIR}/${target}.1.gz)
  add_custom_command(
    OUTPUT ${page}
    COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${target}> -DNAME=${target} "-DSUMMARY=${summary}"
            -DOUT=${page} -DVERSION=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/make_manpage.cmake
    DEPENDS ${target} ${PROJECT_SOURCE_DIR}/cmake/make_manpage.cmake
    COMMENT "${target}.1.gz from ${target} --help")
  add_custom_target(${target}-manpage ALL DEPENDS ${page})
  install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endfunction()
