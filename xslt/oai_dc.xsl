<?xml version="1.0" encoding="UTF-8"?>
<!--
  oai_dc.xsl: the TEI header of one file of the edition, crosswalked to unqualified Dublin Core
  (the oai_dc metadata format of OAI-PMH 2.0).

  Input: a TEI document (tei/sources/*.xml, tei/indexes/*.xml, tei/claims.xml, tei/bibliography.xml).
  Output: one oai_dc:dc element, valid against the official oai_dc.xsd.

  The record describes the edition's text (the TEI document), so:
    dc:title        titleStmt/title[@type='main'] (else the first title), then title[@type='sub']
    dc:creator      the author(s) of the original, from sourceDesc/bibl/author and titleStmt/author
    dc:contributor  the edition's editors: titleStmt/respStmt/name (else titleStmt/editor, whose
                    text may describe a role rather than name a person)
    dc:subject      profileDesc/textClass/keywords/term (genre and stance)
    dc:description  encodingDesc/projectDesc/p, then "Edition version {$edition-version}" (the
                    version of tei/edition.xml, passed by teipub/records.py)
    dc:publisher    publicationStmt/publisher
    dc:date         publicationStmt/date/@when (else its text)
    dc:type         "Text" (DCMI Type vocabulary)
    dc:format       application/tei+xml
    dc:identifier   publicationStmt/idno (the edition's identifier of the text)
    dc:source       the original, one line built from sourceDesc/bibl
    dc:language     profileDesc/langUsage/language/@ident
    dc:rights       the licence URL and the statements in availability/p
  Everything is read from the header; nothing is invented, and an absent field is left out.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xmlns:pd="urn:purges-in-dispute:xslt"
    exclude-result-prefixes="xs tei pd">

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:mode name="pd:dc" on-no-match="shallow-skip"/>

  <!--* The edition's version (tei/edition.xml editionStmt/edition/@n); none: no line. -->
  <xsl:param name="edition-version" as="xs:string" select="''"/>

  <!--* Whitespace-normalised string value of a node. -->
  <xsl:function name="pd:text" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="normalize-space(string($node))"/>
  </xsl:function>

  <!--* One Dublin Core element, or nothing when the value is empty. -->
  <xsl:function name="pd:dc" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:if test="normalize-space($value) ne ''">
      <xsl:element name="dc:{$name}" namespace="http://purl.org/dc/elements/1.1/">
        <xsl:value-of select="normalize-space($value)"/>
      </xsl:element>
    </xsl:if>
  </xsl:function>

  <!--* The original as a one-line citation: author, title, publisher, date, URL. -->
  <xsl:function name="pd:citation" as="xs:string">
    <xsl:param name="bibl" as="element(tei:bibl)"/>
    <xsl:variable name="parts" as="xs:string*" select="(
        $bibl/tei:author ! pd:text(.),
        $bibl/tei:title ! pd:text(.),
        ($bibl/tei:publisher, $bibl/tei:orgName) ! pd:text(.),
        $bibl/tei:date ! (if (normalize-space(.) ne '') then pd:text(.) else string(@when)),
        $bibl/tei:idno[@type = 'url'] ! pd:text(.)
      )[. ne '']"/>
    <xsl:sequence select="string-join($parts, '. ')"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:apply-templates select="tei:TEI/tei:teiHeader" mode="pd:dc"/>
  </xsl:template>

  <xsl:template match="tei:teiHeader" mode="pd:dc">
    <xsl:variable name="title-stmt" as="element(tei:titleStmt)?" select="tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="pub" as="element(tei:publicationStmt)?" select="tei:fileDesc/tei:publicationStmt"/>
    <xsl:variable name="bibl" as="element(tei:bibl)*" select="tei:fileDesc/tei:sourceDesc/tei:bibl"/>
    <oai_dc:dc xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">
      <xsl:variable name="main" as="element(tei:title)?"
          select="($title-stmt/tei:title[@type = 'main'], $title-stmt/tei:title)[1]"/>
      <xsl:sequence select="$main ! pd:dc('title', pd:text(.))"/>
      <xsl:sequence select="$title-stmt/tei:title[@type = 'sub'] ! pd:dc('title', pd:text(.))"/>
      <xsl:sequence select="distinct-values(($bibl/tei:author, $title-stmt/tei:author) ! pd:text(.)) ! pd:dc('creator', .)"/>
      <xsl:variable name="contributors" as="element()*"
          select="if ($title-stmt/tei:respStmt/tei:name) then $title-stmt/tei:respStmt/tei:name else $title-stmt/tei:editor"/>
      <xsl:sequence select="distinct-values($contributors ! pd:text(.)) ! pd:dc('contributor', .)"/>
      <xsl:sequence select="distinct-values(tei:profileDesc/tei:textClass/tei:keywords/tei:term ! pd:text(.)) ! pd:dc('subject', .)"/>
      <xsl:sequence select="tei:encodingDesc/tei:projectDesc/tei:p ! pd:dc('description', pd:text(.))"/>
      <xsl:sequence select="if ($edition-version ne '') then pd:dc('description', 'Edition version ' || $edition-version) else ()"/>
      <xsl:sequence select="$pub/tei:publisher ! pd:dc('publisher', pd:text(.))"/>
      <xsl:sequence select="$pub/tei:date ! pd:dc('date', (@when, pd:text(.))[1])"/>
      <xsl:sequence select="pd:dc('type', 'Text')"/>
      <xsl:sequence select="pd:dc('format', 'application/tei+xml')"/>
      <xsl:sequence select="$pub/tei:idno ! pd:dc('identifier', pd:text(.))"/>
      <xsl:sequence select="$bibl ! pd:dc('source', pd:citation(.))"/>
      <xsl:sequence select="distinct-values(tei:profileDesc/tei:langUsage/tei:language/@ident) ! pd:dc('language', .)"/>
      <xsl:sequence select="$pub/tei:availability/tei:licence/@target ! pd:dc('rights', string(.))"/>
      <xsl:sequence select="$pub/tei:availability//tei:p ! pd:dc('rights', pd:text(.))"/>
    </oai_dc:dc>
  </xsl:template>

</xsl:stylesheet>
