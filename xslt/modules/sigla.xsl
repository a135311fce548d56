<?xml version="1.0" encoding="UTF-8"?>
<!--
  sigla.xsl : how the edition names its sources to readers, in one place.

  Every source has ONE siglum (idno type="edition" in tei/edition.xml) and ONE short
  title (bibl/title there); pe:source-title($siglum) (apparatus.xsl)
  returns the short title. This module renders them:
  * <xsl:call-template name="pe:source-name"><xsl:with-param name="siglum" …/> : the siglum
    in a badge and the short title, linked to the reading page (class "source-name");
  * <xsl:call-template name="pe:sigla-legend"/> : the legend of sigla, every source in reading
    order (a dl of class "sigla-legend"); on a reading page with its slice of the catalogue, the
    sources the slice names (its own and those the page's notes and entity lines name).
  Tunnel parameter: $root (xs:string), the way back to the site root.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="apparatus.xsl"/>

  <!-- the sigla of the sources in reading order -->
  <xsl:function name="pe:sigla-in-order" as="xs:string*">
    <xsl:sequence select="tokenize($sigla)"/>
  </xsl:function>

  <!-- one source named: its siglum and its short title, linked to its reading page -->
  <xsl:template name="pe:source-name">
    <xsl:param name="siglum" as="xs:string"/>
    <xsl:param name="link" as="xs:boolean" select="true()"/>
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <span class="source-name">
      <abbr class="siglum" title="{pe:label('siglum')}"><xsl:value-of select="$siglum"/></abbr>
      <xsl:text> </xsl:text>
      <xsl:choose>
        <xsl:when test="$link"><a href="{$root}{pe:source-path($siglum)}"><xsl:value-of select="pe:source-title($siglum)"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="pe:source-title($siglum)"/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!-- the legend of sigla -->
  <xsl:template name="pe:sigla-legend">
    <xsl:param name="root" as="xs:string" tunnel="yes" select="''"/>
    <dl class="sigla-legend" aria-label="{pe:label('sigla-legend')}">
      <!-- a reading page built with its slice of the catalogue names only the sources in the slice
           (its own and those its notes and entity lines name, in reading order), so that the legend
           does not grow with the collection; with the edition's sources, every one of them -->
      <xsl:for-each select="if ($pe:catalogue/*/@page) then $pe:catalogue/*/file[@role = 'source']/@siglum ! string()
                            else pe:sigla-in-order()">
        <div>
          <dt><abbr class="siglum" title="{pe:label('siglum')}"><xsl:value-of select="."/></abbr></dt>
          <dd><a href="{$root}{pe:source-path(.)}"><xsl:value-of select="pe:source-title(.)"/></a></dd>
        </div>
      </xsl:for-each>
    </dl>
  </xsl:template>
</xsl:stylesheet>
