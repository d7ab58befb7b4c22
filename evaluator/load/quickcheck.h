/*
 * quickcheck.h - a quick, conservative check that a deployment is valid
 * against deployment.xsd. It answers "certainly valid" or "not sure";
 * only the second goes through libxml2's schema validator, which stays
 * the reference and gives the error messages. Validating every document
 * with the schema cost as much as parsing it (docs/performance.md).
 */
#ifndef SOV_QUICKCHECK_H
#define SOV_QUICKCHECK_H

#include <libxml/tree.h>

/* 1 when `root` (a <deployment> in its namespace) is certainly valid
 * against deployment.xsd; 0 when the schema must decide. */
int quickcheck_deployment(xmlNodePtr root);

#endif
