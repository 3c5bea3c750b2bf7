# Writes a man page from a program's own --help, so the page never drifts from the program, gzip-compressed as
# Debian installs man pages.
# cmake -DPROGRAM=path -DNAME=vitlens-cli -DSUMMARY="..." -DOUT=vitlens-cli.1.gz -DVERSION=x.y.z -P make_manpage.cmake
set(ENV{QT_QPA_PLATFORM} offscreen)  # vitlens's --help needs no display
execute_process(COMMAND "${PROGRAM}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT help)
  set(help "${error}")
endif()
if(NOT help)
  message(FATAL_ERROR "${NAME} --help printed nothing (${status})")
endif()
string(REPLACE "${PROGRAM}" "${NAME}" help "${help}")  # QCommandLineParser prints the path it was started as
# roff: a leading dot or quote would be read as a request; backslashes must be doubled.
string(REPLACE "\\" "\\\\" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(TOUPPER "${NAME}" title)
string(TIMESTAMP today "%Y-%m-%d" UTC)
get_filename_component(page "${OUT}" NAME_WLE)
set(text "${OUT}.txt")
file(WRITE "${text}" ".TH ${title} 1 \"${today}\" \"vitlens ${VERSION}\" \"User Commands\"
.SH NAME
${NAME} \\- ${SUMMARY}
.SH DESCRIPTION
Models: the built-in CIFAR-10 model, a vitlens file, a timm or Hugging Face checkpoint (file, config.json or
folder), or \\fBhf:ORG/NAME[@REVISION]\\fR from the local Hugging Face cache.
.SH OPTIONS
.nf
${help}.fi
")
execute_process(COMMAND gzip -9nc "${text}" OUTPUT_FILE "${OUT}" RESULT_VARIABLE zipped)
if(NOT zipped EQUAL 0)
  message(FATAL_ERROR "gzip failed for ${OUT}")
endif()
file(REMOVE "${text}")
