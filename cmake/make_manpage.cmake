# Writes the vitlens-cli man page from its own --help, so the page never drifts from the program.
# cmake -DCLI=path/to/vitlens-cli -DOUT=vitlens-cli.1 -DVERSION=x.y.z -P make_manpage.cmake
execute_process(COMMAND "${CLI}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status ERROR_VARIABLE error)
if(NOT help)
  set(help "${error}")
endif()
if(NOT help)
  message(FATAL_ERROR "vitlens-cli --help printed nothing (${status})")
endif()
# roff: a leading dot or quote would be read as a request; backslashes must be doubled.
string(REPLACE "\\" "\\\\" help "${help}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
string(TIMESTAMP today "%Y-%m-%d" UTC)
file(WRITE "${OUT}" ".TH VITLENS-CLI 1 \"${today}\" \"vitlens ${VERSION}\" \"User Commands\"
.SH NAME
vitlens-cli \\- classify images with a Vision Transformer and draw its attention, explanations and experiments
.SH SYNOPSIS
.B vitlens-cli
.I COMMAND
[\\fIOPTIONS\\fR]
.SH DESCRIPTION
The command-line half of vitlens (the window is \\fBvitlens\\fR). Every command that takes \\fB--model\\fR also takes
a timm or Hugging Face checkpoint folder, or \\fBhf:ORG/NAME[@REVISION]\\fR from the local Hugging Face cache;
without it the built-in CIFAR-10 model is used. Exit status: 0 success, 1 an input could not be processed,
2 a usage error.
.SH COMMANDS AND OPTIONS
.nf
${help}.fi
")
