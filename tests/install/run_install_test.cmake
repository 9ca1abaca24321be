# SPDX-License-Identifier: MIT
# Script mode: install, configure the consumer with find_package, build, run; then compile the
# same consumer with the flags pkg-config gives for the installed nercore.pc.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(LAST_OUTPUT "${out}" PARENT_SCOPE)
endfunction()

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f include/nercore/nercore.hpp lib/cmake/nercore/nercoreConfig.cmake lib/pkgconfig/nercore.pc
          share/nercore/gazetteers/fr/states.tsv)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()

# A sanitized build installs an instrumented static library: its consumers need the same flags.
set(san_flags "")
set(san_args "")
if(SANITIZE)
  set(san_flags -fsanitize=${SANITIZE})
  set(san_args "-DCMAKE_CXX_FLAGS=-fsanitize=${SANITIZE}" "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=${SANITIZE}")
endif()
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/consumer -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release ${san_args})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
run(${WORK_DIR}/consumer/consumer ${prefix}/share/nercore/gazetteers/fr)
if(NOT LAST_OUTPUT MATCHES "russia STATE")
  message(FATAL_ERROR "consumer output lacks 'russia STATE':\n${LAST_OUTPUT}")
endif()

# pkg-config
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
execute_process(COMMAND pkg-config --cflags --libs --static nercore
  RESULT_VARIABLE rc OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config does not know nercore")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
run(c++ ${san_flags} ${CONSUMER_DIR}/main.cpp -o ${WORK_DIR}/pc_consumer ${flags})
run(${WORK_DIR}/pc_consumer ${prefix}/share/nercore/gazetteers/fr)
if(NOT LAST_OUTPUT MATCHES "russia STATE")
  message(FATAL_ERROR "pkg-config consumer output lacks 'russia STATE':\n${LAST_OUTPUT}")
endif()
