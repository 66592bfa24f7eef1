# ctest DebDependencies: the .deb must depend on the packages that hold what the app loads at
# run time with dlopen(), which dpkg-shlibdeps cannot see: Qt's SQLite driver (the request log
# and the chat history) and the keychain backend. Each plugin file is looked up with dpkg -S, so
# the test names the package the system really ships it in.
#   cmake -DCPACK_CONFIG=.../CPackConfig.cmake -DQT_PLUGINS=DIR -DRUNTIME_FILES="a;b" -P this
cmake_minimum_required(VERSION 3.16)
include(${CPACK_CONFIG})
string(REPLACE "," ";" depends "${CPACK_DEBIAN_PACKAGE_DEPENDS}")
set(names)
foreach(item IN LISTS depends)
    string(STRIP "${item}" name)
    string(REGEX REPLACE "[ (|].*" "" name "${name}")
    list(APPEND names ${name})
endforeach()
set(missing)
foreach(file IN LISTS RUNTIME_FILES)
    execute_process(COMMAND dpkg -S ${file} OUTPUT_VARIABLE owner RESULT_VARIABLE status
                    ERROR_QUIET)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${file} is not installed by any package: install it first "
                            "(scripts/deps.sh lists it)")
    endif()
    string(REGEX REPLACE ":.*" "" owner "${owner}")
    string(STRIP "${owner}" owner)
    if(NOT owner IN_LIST names)
        list(APPEND missing "${owner} (for ${file})")
    endif()
endforeach()
if(missing)
    message(FATAL_ERROR "CPACK_DEBIAN_PACKAGE_DEPENDS (${CPACK_DEBIAN_PACKAGE_DEPENDS}) lacks: "
                        "${missing}")
endif()
message(STATUS "The .deb depends on ${CPACK_DEBIAN_PACKAGE_DEPENDS}")
