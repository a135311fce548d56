<?xml version="1.0" encoding="UTF-8"?>
<!--
  search.xsl : the search page (search.html), run once from xsl:initial-template (stage
  "search-page"). The page holds an empty container that Pagefind's own interface
  (pagefind/pagefind-ui.js, written into the site by the "search" stage, teipub/search.py)
  fills, and assets/search.js starts it (no inline script: the server's Content-Security-Policy
  allows scripts from the site only). A query in ?q= (the search box in every page's header
  sends one) is run at once. Without JavaScript the page says so and points to the indexes.

  The search page itself is not indexed (its <main> has no data-pagefind-body).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="modules/layout.xsl"/>

  <xsl:template name="xsl:initial-template">
    <xsl:variable name="path" as="xs:string" select="pe:page-path('search')"/>
    <xsl:variable name="root" as="xs:string" select="pe:root-of($path)"/>
    <xsl:result-document href="{$path}" format="pe:html">
      <xsl:call-template name="pe:page">
        <xsl:with-param name="path" select="$path"/>
        <xsl:with-param name="title" select="pe:label('search')"/>
        <xsl:with-param name="current" select="'search'"/>
        <xsl:with-param name="body-class" select="'page-search'"/>
        <xsl:with-param name="searchable" select="false()"/>
        <xsl:with-param name="head" as="element()*">
          <link rel="stylesheet" href="{$root}pagefind/pagefind-ui.css"/>
          <link rel="stylesheet" href="{$root}assets/search.css"/>
          <script src="{$root}pagefind/pagefind-ui.js" defer=""></script>
          <script src="{$root}assets/search.js" defer=""></script>
        </xsl:with-param>
        <xsl:with-param name="content" as="node()*">
          <h1><xsl:value-of select="pe:label('search')"/></h1>
          <p class="search-intro"><xsl:value-of select="pe:label('search-intro')"/></p>
          <div id="search" class="search-ui" data-label-input="{pe:label('search-box')}"></div>
          <noscript>
            <p class="search-noscript">
              <xsl:value-of select="pe:label('search-noscript')"/>
              <xsl:text> </xsl:text>
              <xsl:for-each select="$pe:indexes ! ?name">
                <a href="{$root}{pe:page-path(.)}"><xsl:value-of select="pe:label('nav-' || .)"/></a>
                <xsl:text> · </xsl:text>
              </xsl:for-each>
              <a href="{$root}{pe:page-path('claims')}"><xsl:value-of select="pe:label('nav-claims')"/></a>
            </p>
          </noscript>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:result-document>
  </xsl:template>
</xsl:stylesheet>
